cchcSearch.doc(3,{"u":"tin-tuc/cuoi-thang-7/","t":"Bài cuối tháng 7","k":0,"d":"2025-07-20","s":"Bài thứ tư: trang tin tức thứ hai có đúng một bài. Chuyển đổi số"})
